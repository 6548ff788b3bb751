"""Windows about printed documents as such (not about one kind of record)."""
