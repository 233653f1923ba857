"""Streamlit pages. Page code calls library modules and holds no business logic."""
