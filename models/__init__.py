"""Vinh Danh's domain and storage. Plain Python: nothing here imports Qt."""
