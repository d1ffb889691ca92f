# The journey map canvas and persona pictures.
canvas-hint = Drag to move · pinch or Ctrl + wheel to zoom · keys + − 0 and arrows · click a step for its details
canvas-label = Journey map — drag, pinch or use the keys to move and zoom
canvas-controls = Map view
canvas-zoom-out = Zoom out
canvas-zoom-in = Zoom in
canvas-zoom-level = Zoom level
canvas-fit = Fit
canvas-fit-title = Fit the map to the width (key 0)
canvas-actual-title = Actual size (key 1)
canvas-fullscreen = Full screen
canvas-exit-fullscreen = Exit full screen

photo-heading = Picture
photo-alt = Picture of { $name }
photo-choose = Choose a picture
photo-hint = PNG, JPEG or WebP, at most 1 MB. Shown on the persona card, beside the emotion curves and in the map legend.
photo-upload = Upload picture
photo-remove = Remove picture
photo-save-first = Save the persona first; then you can add a picture.
photo-too-big = The picture is { $size } KB; at most { $max } KB is accepted.
photo-not-image = The file is not a PNG, JPEG or WebP picture.
photo-missing = Choose a picture file to upload.
photo-saved = Picture saved.
photo-removed = Picture removed.
