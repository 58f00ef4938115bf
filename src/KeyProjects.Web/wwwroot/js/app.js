// KeyProjects: small behaviours on top of htmx. Pages work without this file.
(function () {
    // POSTs made by htmx carry the antiforgery token from the page's hidden field.
    document.body.addEventListener("htmx:configRequest", function (e) {
        var token = document.querySelector("input[name='__RequestVerificationToken']");
        if (token && e.detail.verb !== "get") e.detail.headers["X-CSRF-TOKEN"] = token.value;
    });
    // Marks the document as ready for scripts (browser tests wait for this before clicking).
    document.documentElement.setAttribute("data-ready", "true");
})();
