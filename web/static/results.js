// Results page: the Copy link and Print buttons. Both stay hidden without
// JavaScript, where the page offers the same through the link field (select
// and copy it) and the browser's own Print command. Print's place is kept
// while it is hidden (class held), so that showing it moves nothing.
(function () {
  'use strict';
  var field = document.getElementById('share-url');
  var copy = document.getElementById('copy-link');
  var status = document.getElementById('copy-status');
  if (field && copy && status) {
    copy.hidden = false;
    copy.addEventListener('click', function () {
      var done = function () { status.textContent = 'Link copied.'; };
      var manual = function () {
        field.focus();
        field.select();
        status.textContent = 'The link is selected: copy it with your keyboard or menu.';
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, manual);
        return;
      }
      field.select();
      try {
        if (document.execCommand('copy')) { done(); return; }
      } catch (e) { /* fall through */ }
      manual();
    });
  }
  var item = document.getElementById('print-item');
  var print = document.getElementById('print-page');
  if (item && print && window.print) {
    item.classList.remove('held');
    print.addEventListener('click', function () { window.print(); });
  }
})();
