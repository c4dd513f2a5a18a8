"""The dependency audit (`make audit`): pip-audit of every pinned package in constraints.txt, against PyPI's
advisories, passing only when each vulnerability found is in audit/allowlist.toml with its reasons."""
