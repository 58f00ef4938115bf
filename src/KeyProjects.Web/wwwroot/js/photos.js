// KeyProjects photos: thumbnails made in the browser (no image library runs on the server; docs/decisions/006-photos.md).
// For each [data-photo-picker], every chosen photo gets a JPEG of at most 320 px, put in the hidden "thumbnails"
// input in the same order as the photos are sent. If any thumbnail cannot be made, none is sent and the server
// shows the photo itself in its place.
(function () {
    if (window.kpPhotos) return;
    window.kpPhotos = true;

    function draw(source, width, height, size) {
        var scale = Math.min(1, size / Math.max(width, height));
        var canvas = document.createElement("canvas");
        canvas.width = Math.max(1, Math.round(width * scale));
        canvas.height = Math.max(1, Math.round(height * scale));
        var ctx = canvas.getContext("2d");
        ctx.fillStyle = "#fff"; // transparent PNG/WebP become white, not black, in a JPEG
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
        return new Promise(function (resolve) { canvas.toBlob(resolve, "image/jpeg", 0.8); });
    }

    function thumbnail(file, size) {
        if (window.createImageBitmap) {
            // from-image: turned upright by its EXIF orientation, as the server keeps it for the original.
            return createImageBitmap(file, { imageOrientation: "from-image" })
                .then(function (b) { return draw(b, b.width, b.height, size).then(function (blob) { b.close(); return blob; }); })
                .catch(function () { return null; });
        }
        return new Promise(function (resolve) {
            var url = URL.createObjectURL(file);
            var img = new Image();
            img.onload = function () { draw(img, img.naturalWidth, img.naturalHeight, size).then(resolve); URL.revokeObjectURL(url); };
            img.onerror = function () { resolve(null); URL.revokeObjectURL(url); };
            img.src = url;
        });
    }

    function setup(picker) {
        var inputs = picker.querySelectorAll("input[data-photo-input]");
        var thumbs = picker.querySelector("input[data-photo-thumbs]");
        var preview = picker.querySelector("[data-photo-preview]");
        var warning = picker.querySelector("[data-photo-warning]");
        var form = picker.closest("form");
        var submit = form && form.querySelector("[type=submit]");
        var max = parseInt(picker.getAttribute("data-max"), 10);
        var maxBytes = parseInt(picker.getAttribute("data-max-bytes"), 10);
        var size = parseInt(picker.getAttribute("data-thumb-size"), 10);
        var generation = 0;

        function refresh() {
            var files = [];
            inputs.forEach(function (input) { for (var i = 0; i < input.files.length; i++) files.push(input.files[i]); });
            var messages = [];
            if (files.length > max) messages.push(picker.getAttribute("data-msg-too-many"));
            if (files.some(function (f) { return f.size > maxBytes; })) messages.push(picker.getAttribute("data-msg-too-large"));
            warning.textContent = messages.join(" ");
            preview.innerHTML = "";
            thumbs.value = "";
            var mine = ++generation;
            if (submit) submit.disabled = true;
            Promise.all(files.map(function (f) { return thumbnail(f, size); })).then(function (blobs) {
                if (mine !== generation) return;
                var all = blobs.length > 0 && blobs.every(function (b) { return b; });
                if (all && window.DataTransfer) {
                    try {
                        var dt = new DataTransfer();
                        blobs.forEach(function (b, i) { dt.items.add(new File([b], "thumb-" + (i + 1) + ".jpg", { type: "image/jpeg" })); });
                        thumbs.files = dt.files;
                    } catch (e) { thumbs.value = ""; }
                }
                blobs.forEach(function (b, i) {
                    var img = document.createElement("img");
                    img.src = URL.createObjectURL(b || files[i]);
                    img.className = "rounded border";
                    img.style.cssText = "width:72px;height:72px;object-fit:cover";
                    img.alt = files[i].name;
                    preview.appendChild(img);
                });
                if (submit) submit.disabled = false;
            });
        }
        inputs.forEach(function (input) { input.addEventListener("change", refresh); });
    }

    function init() { document.querySelectorAll("[data-photo-picker]").forEach(setup); }
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
