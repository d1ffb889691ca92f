# The journey map canvas and persona pictures.
map-hint = Drag to move · pinch or Ctrl + wheel to zoom · keys + − 0 and arrows · click a step for its details
map-controls = Map view
map-zoom-out = Zoom out
map-zoom-in = Zoom in
map-zoom-level = Zoom level
map-fit = Fit
map-fit-title = Fit the map to the width (key 0)
map-actual-title = Actual size (key 1)
map-fullscreen = Full screen
map-exit-fullscreen = Exit full screen

persona-picture = Picture
persona-picture-alt = Picture of { $name }
persona-picture-choose = Choose a picture
persona-picture-hint = PNG, JPEG or WebP, at most 1 MB. Shown on the persona card, beside the emotion curves and in the map legend.
persona-picture-upload = Upload picture
persona-picture-remove = Remove picture
persona-picture-save-first = Save the persona first; then you can add a picture.
persona-picture-too-big = The picture is { $size } KB; at most { $max } KB is accepted.
persona-picture-not-image = The file is not a PNG, JPEG or WebP picture.
persona-picture-missing = Choose a picture file to upload.
persona-picture-saved = Picture saved.
persona-picture-removed = Picture removed.
