// Package parser reads work-packet markdown files into Packets.
//
// This comment is the one specification of the packet format; it is
// completed together with the parser.
package parser
