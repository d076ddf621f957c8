"""One reader per source format. Each turns decoded text into RawDocuments (pure Python)."""
