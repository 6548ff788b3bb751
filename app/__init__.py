"""Piket: the front-desk application of a Polsek. This package never imports Qt."""
