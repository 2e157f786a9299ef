// Work still under way: reload every 5 s to show its progress, unless the operator is filling in
// a form on the page (a reload would erase it).
(() => {
  let typing = false;
  document.querySelectorAll('input, select, textarea').forEach(field =>
    field.addEventListener('input', () => { typing = true; }));
  setInterval(() => {
    const active = document.activeElement;
    if (!typing && !(active && active.matches('input, select, textarea'))) {
      location.reload();
    }
  }, 5000);
})();
