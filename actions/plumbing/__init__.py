"""The action server's plumbing: its settings, its one HTTP client to the service, and the usage counting. The
modules beside this package are the conversation."""
