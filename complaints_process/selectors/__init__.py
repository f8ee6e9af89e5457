"""Reads that several surfaces need: plain values in, plain data or querysets out."""
