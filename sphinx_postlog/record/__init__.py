"""What is on disk: the record of what the last build wrote, the fingerprints of what
pages are made of, the decision of what to rewrite, writing a file only when it changed
and removing the files no longer written. Between render/ (what pages show) and write/
(the writers), which consult it; it imports no writer."""
