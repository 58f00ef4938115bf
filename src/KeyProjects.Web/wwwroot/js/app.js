// KeyProjects: small behaviours on top of htmx. Pages work without this file.
(function () {
    // POSTs made by htmx carry the antiforgery token from the page's hidden field.
    document.body.addEventListener("htmx:configRequest", function (e) {
        var token = document.querySelector("input[name='__RequestVerificationToken']");
        if (token && e.detail.verb !== "get") e.detail.headers["X-CSRF-TOKEN"] = token.value;
    });
    // The language switch returns to the page as it is now, filters included (htmx may have changed the address).
    document.addEventListener("click", function (e) {
        var link = e.target.closest && e.target.closest("a[href^='/culture/']");
        if (!link) return;
        var url = new URL(link.href, location.origin);
        url.searchParams.set("returnUrl", location.pathname + location.search);
        link.href = url.pathname + url.search;
    });
    // What inline handlers used to do (the Content-Security-Policy allows no inline script): print buttons, forms
    // that ask before they post, filters that apply as soon as they change.
    document.addEventListener("click", function (e) {
        var button = e.target.closest && e.target.closest("[data-print]");
        if (!button) return;
        // A paged list prints every row: its print button opens the list with all rows, which prints as it opens.
        var all = button.getAttribute("data-print-all");
        if (all) location.href = all; else window.print();
    });
    if (new URLSearchParams(location.search).get("print") === "1") window.addEventListener("load", function () { window.print(); });
    document.addEventListener("submit", function (e) {
        var question = e.target.getAttribute && e.target.getAttribute("data-confirm");
        if (question && !window.confirm(question)) e.preventDefault();
    });
    document.addEventListener("change", function (e) {
        if (e.target.hasAttribute && e.target.hasAttribute("data-autosubmit") && e.target.form) e.target.form.submit();
    });
    // Marks the document as ready for scripts (browser tests wait for this before clicking).
    document.documentElement.setAttribute("data-ready", "true");
})();
