"""Benchmarks that measure the product against peer pages in the same run (README,
"Benchmarks"). Never installed in the product: the benchmark scripts select
`benchmarks.settings`, which adds this app and a minimal view to the product's settings.
"""
