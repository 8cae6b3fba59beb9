// Package scaffold is what plan new checks in the folders it read before
// it writes a packet there: that no packet has its ID, not even one in a
// file too large to read; that every dependency named is a packet read;
// and that the folder it writes in is one that reading those folders again
// would search. The packet's text is report.NewPacketText; the writing is
// fileio.Create.
package scaffold
