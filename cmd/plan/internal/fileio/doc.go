// Package fileio is how plan changes and reads the files it is pointed at:
// never in place. New content goes to a temporary file in the same folder,
// which is synced to disk and then renamed over the original (Replace) or
// linked into place (Create), so that a crash or a kill at any moment leaves
// either the old file or the new one, never a mix; the folder is synced
// after the rename. A temporary file left by a killed run starts with "."
// and ends in ".tmp"; plan does not read it. Reads are bounded (ReadLimited)
// and refuse what is not a regular file.
//
// It does not use github.com/google/renameio/v2 (v2.0.2 was evaluated): its
// temporary name is "." + the file's name + up to 20 digits, never cut, so a
// legal 250-byte packet name gets an illegal temporary name (ENAMETOOLONG)
// where Replace cuts it to the file system's NAME_MAX; it does not sync the
// folder after the rename; it has no create-that-never-replaces (plan new
// needs one); and its PendingFile is not built on Windows. What it would
// keep (permissions, replacing through a symbolic link's target once the
// caller resolves it) is a few lines here, and the checks plan needs around
// the rename (the file unchanged since it was read) would still be ours.
package fileio
