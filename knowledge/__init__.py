"""Vejviser's knowledge base: what the municipalities' own quality standards say, and nothing else."""
