// Package udiff writes the unified diff that plan sync --dry-run prints:
// the headers as git writes them (a/ and b/ prefixes, a TAB after a name
// with a space, C quoting where a name needs it), so that both git apply
// and GNU patch -p1 apply it, and hunks as diff -u prints them.
//
// It is not github.com/aymanbagabas/go-udiff (v0.4.2 was compared on this
// package's tests): that library writes its labels unquoted, so the
// header quoting would stay here anyway; its hunks match ours byte for
// byte on the cases plan sync produces (lines replaced one for one; the
// comparison found that ours split two changes six unchanged lines apart
// into two hunks where diff -u and it print one, fixed here), and where
// they differ it is on edits sync never makes (line counts that change, an
// empty side written "-N" where diff -u writes "-N,0"). Its
// Myers diff runs on runes before it is cut back to lines, work and memory
// that sync, which pairs line i with line i, does not need, and it would be
// a dependency for about sixty lines.
package udiff
