// Package schematest compiles plan's embedded JSON Schemas with a real
// validator (santhosh-tekuri/jsonschema, draft 2020-12, formats asserted),
// so that the tests of every package that writes a JSON document check
// its real output against the schema plan help json shows. Only tests
// import it: the validator is not part of the plan binary.
package schematest

import (
	"bytes"
	"fmt"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/workpackets/plan/cmd/plan/internal/help"
)

// Base is the $id prefix of the embedded schemas.
const Base = "https://github.com/workpackets/plan/schema/v1/"

// Compile compiles every embedded schema and returns them by name (plan,
// check, diff, ...). The schemas refer to one another, so all are loaded
// before any is compiled.
func Compile() (map[string]*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	names := help.SchemaNames()
	for _, n := range names {
		data, ok := help.Schema(n)
		if !ok {
			return nil, fmt.Errorf("%s.schema.json is listed but not embedded", n)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%s.schema.json is not JSON: %w", n, err)
		}
		if err := c.AddResource(Base+n+".schema.json", doc); err != nil {
			return nil, fmt.Errorf("%s.schema.json: %w", n, err)
		}
	}
	out := map[string]*jsonschema.Schema{}
	for _, n := range names {
		s, err := c.Compile(Base + n + ".schema.json")
		if err != nil {
			return nil, fmt.Errorf("%s.schema.json does not compile: %w", n, err)
		}
		out[n] = s
	}
	return out, nil
}

// Validate checks that doc is JSON that s accepts.
func Validate(s *jsonschema.Schema, doc []byte) error {
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return err
	}
	return s.Validate(v)
}
