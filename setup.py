"""The optional compiled part of the fast PDF reader (src/reconcile/load/_pagefast.c).

Everything else is in pyproject.toml. ``optional=True``: where no C compiler is
found, the install goes on without it and the reader runs its Python loops (the
same results, three to four times slower a page)."""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "reconcile.load._pagefast",
            sources=["src/reconcile/load/_pagefast.c"],
            optional=True,
        )
    ]
)
