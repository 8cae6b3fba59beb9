// Command plan reads a folder of markdown work packets and answers what a
// planning session asks: what can start now, what is blocked and by what, in
// what order to build, the critical path and how long the remaining work
// takes. See the README for the commands and the JSON schema, and
// parser/doc.go for the packet format.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
