"""Output formats: each module renders one command's results (text, JSON, Markdown, feeds)."""
