// "/" puts the cursor in a page's search or filter box, as in VS Code's own lists; typed into the
// box itself it stays a "/".
export function focusOnSlash(box: HTMLInputElement, when: () => boolean = () => true): void {
  document.addEventListener('keydown', (event) => {
    if (event.key === '/' && when() && document.activeElement !== box) {
      event.preventDefault();
      box.focus();
    }
  });
}
