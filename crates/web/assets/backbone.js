// Backbone: small progressive enhancements; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // Focus the first field with a problem so keyboard and screen-reader users land on it.
  const bad = document.querySelector("[aria-invalid=true]");
  if (bad) bad.focus();
});
