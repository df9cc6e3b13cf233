"""One module of strings per feature; see handlers.i18n."""
