/* The pages' style sheet and script, compiled into the binary: no CDN,
 * no external request.  The pages work without the script; it only
 * saves each answer as it is left and applies `when` live. */
#include "assets.h"

#include "kpi.h"

static const char style_css[] =
	"body { font-family: sans-serif; margin: 2em; max-width: 60em; }\n"
	"table { border-collapse: collapse; }\n"
	"th, td { border: 1px solid #999; padding: 0.2em 0.6em; }\n"
	"th { text-align: left; }\n"
	".error, .problem { color: #a00; font-weight: bold; }\n"
	".field { margin: 0.8em 0; }\n"
	".field label { display: block; font-weight: bold; }\n"
	".field .hint { display: block; color: #444; font-size: 90%; }\n"
	".field input, .field select { font-size: 110%; min-width: 16em; }\n"
	".field textarea { width: 100%; min-height: 4em; }\n"
	".required { color: #a00; }\n"
	".field.saved label::after { content: \" \\2713\"; color: #070; }\n"
	".derived { color: #444; }\n"
	".receipt { border: 2px solid #000; padding: 1em 2em; }\n"
	".receipt dt { font-weight: bold; margin-top: 0.6em; }\n"
	".receipt dd { font-size: 130%; margin-left: 1em; }\n"
	".receipt .number { font-size: 200%; font-family: monospace; }\n"
	"@page { size: A4; margin: 20mm; }\n"
	"@media print {\n"
	"  body { margin: 0; max-width: none; font-size: 12pt; }\n"
	"  form, .noprint { display: none; }\n"
	"}\n";

/* Autosave: each answer, once changed, posted to /draft/ID/answer
 * (one at a time, in order); the server's verdict next to the field,
 * marked saved only when the server said so; the fields it says are
 * not asked hidden.  The print button of the receipt. */
static const char entry_js[] =
	"(function () {\n"
	"'use strict';\n"
	"var print = document.getElementById('print');\n"
	"if (print) {\n"
	"  print.hidden = false;\n"
	"  print.addEventListener('click', function () { window.print(); });\n"
	"}\n"
	"var first = document.querySelector('form .field');\n"
	"if (!first) return;\n"
	"var form = first.closest('form');\n"
	"var offline = document.getElementById('offline').textContent;\n"
	"var csrf = form.elements.csrf.value;\n"
	"var target = form.getAttribute('action') + '/answer';\n"
	"function show(field, ok, text) {\n"
	"  var p = document.getElementById('p-' + field);\n"
	"  var w = document.getElementById('w-' + field);\n"
	"  if (p) p.textContent = text;\n"
	"  if (w) w.classList.toggle('saved', ok);\n"
	"}\n"
	"function hide(hidden) {\n"
	"  var all = form.querySelectorAll('.field'), i;\n"
	"  for (i = 0; i < all.length; i++)\n"
	"    all[i].hidden = hidden.indexOf(all[i].dataset.field) >= 0;\n"
	"}\n"
	"var queue = Promise.resolve();\n"
	"function post(field, value) {\n"
	"  var body = new URLSearchParams();\n"
	"  body.append('csrf', csrf);\n"
	"  body.append('field', field);\n"
	"  body.append('value', value);\n"
	"  return fetch(target, { method: 'POST', body: body,\n"
	"                         credentials: 'same-origin' })\n"
	"    .then(function (r) { return r.json(); })\n"
	"    .then(function (j) {\n"
	"      show(field, j.saved, j.saved ? '' : j.problem);\n"
	"      if (j.hidden) hide(j.hidden);\n"
	"    })\n"
	"    .catch(function () { show(field, false, offline); });\n"
	"}\n"
	"/* one answer at a time, in the order they were left */\n"
	"function send(field, value) {\n"
	"  show(field, false, '');\n"
	"  queue = queue.then(function () { return post(field, value); });\n"
	"}\n"
	"form.addEventListener('change', function (e) {\n"
	"  var input = e.target;\n"
	"  if (!input.name || input.name === 'csrf') return;\n"
	"  send(input.name, input.value);\n"
	"});\n"
	"})();\n";

void get_style(struct pages_context *ctx, const struct page_request *req,
	       struct page_response *res)
{
	res->status = 200;
	res->content_type = "text/css; charset=utf-8";
	strbuf_addstr(&res->body, style_css);
	strbuf_addstr(&res->body, kpi_html_css); /* the report of /tally */
}

void get_script(struct pages_context *ctx, const struct page_request *req,
		struct page_response *res)
{
	res->status = 200;
	res->content_type = "text/javascript; charset=utf-8";
	strbuf_addstr(&res->body, entry_js);
}
