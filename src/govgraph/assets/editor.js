// The SPARQL editor's one enhancement: choosing a canned question puts its text in the editor.
// The page works without it (the form submits with GET); nothing is fetched from elsewhere.
(function () {
  "use strict";
  var data = document.getElementById("examples-data");
  var select = document.getElementById("example");
  var query = document.getElementById("query");
  if (!data || !select || !query) { return; }
  var examples = JSON.parse(data.textContent);
  select.addEventListener("change", function () {
    if (Object.prototype.hasOwnProperty.call(examples, select.value)) {
      query.value = examples[select.value];
    }
  });
}());
