"""Prompt templates of summarise (data files; see service.prompts)."""
