"""A form the page never had, injected and submitted from the page."""
import lib

FORGE = """
var f = document.createElement('form');
f.method = 'post';
f.action = arguments[0];
var fields = arguments[1];
for (var k in fields) {
    var i = document.createElement('input');
    i.type = 'hidden'; i.name = k; i.value = fields[k];
    f.appendChild(i);
}
document.body.appendChild(f);
f.submit();
"""


def forge(d, action, fields):
    """Submit a form the page never had, from the page itself."""
    lib.navigate(d, lambda: d.execute_script(FORGE, action, fields))
