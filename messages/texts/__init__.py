"""One module of strings per feature; see messages.i18n."""
