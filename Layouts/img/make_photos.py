#!/usr/bin/env python3
"""Write the sample issue's photographs as JPEG files next to this script.

The photographs are scikit-image's bundled sample images (see LICENSES.md for
their licences).  They are written at their original pixel size (no scaling,
no cropping) as baseline JPEG, quality 90, without a dpi value: RGB, except
the grayscale ones in GRAY_PHOTOS, which are written as 8-bit grayscale
(one channel, mode 'L').

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install scikit-image pillow
    /tmp/venv/bin/python Layouts/img/make_photos.py

Tested with scikit-image 0.26.0 and Pillow 13.0.0.  The pixels are the same on
every run; JPEG bytes can differ between libjpeg versions.
"""
import os

import numpy as np
from PIL import Image
from skimage import data

HERE = os.path.dirname(os.path.abspath(__file__))

PHOTOS = {
    # lead photo “热潮”涌动 (a construction site with steel structures being
    # hoisted): the Falcon 9 launch pad with its steel service tower, 640 × 427
    'photo-lead-rocket.jpg': data.rocket,
    # portrait for the interview (何苗): astronaut Eileen Collins, 512 × 512
    'photo-interview-astronaut.jpg': data.astronaut,
    # page 4, feature on a café in an old street (cafe): a cup of espresso with
    # its crema in a red-brown cup, saucer and teaspoon on a wooden table,
    # seen from above at an angle, 600 × 400
    'photo-cafe-coffee.jpg': data.coffee,
    # page 4, volunteers who find homes for stray cats (pets): close-up of the
    # face of a tabby cat (Chelsea) with yellow-green eyes, indoors, blurred
    # light background, 451 × 300
    'photo-pets-cat.jpg': data.chelsea,
}

GRAY_PHOTOS = {
    # page 3, photography exhibition 光影平湖 (photo-show): a black-and-white
    # photograph of a man in a dark overcoat and gloves, bent to look into a
    # camera on a tripod, on a wide lawn, low buildings and a domed roof far
    # behind under a clear sky, 512 × 512, grayscale
    'photo-show-camera.jpg': data.camera,
}


def main():
    for name, load in PHOTOS.items():
        pixels = np.ascontiguousarray(load())
        assert pixels.dtype == np.uint8 and pixels.ndim == 3 and pixels.shape[2] == 3
        img = Image.fromarray(pixels, 'RGB')
        path = os.path.join(HERE, name)
        img.save(path, 'JPEG', quality=90, optimize=True)
        print(f'{name}: {img.width} x {img.height}')
    for name, load in GRAY_PHOTOS.items():
        pixels = np.ascontiguousarray(load())
        assert pixels.dtype == np.uint8 and pixels.ndim == 2
        img = Image.fromarray(pixels, 'L')
        path = os.path.join(HERE, name)
        img.save(path, 'JPEG', quality=90, optimize=True)
        print(f'{name}: {img.width} x {img.height} (grayscale)')


if __name__ == '__main__':
    main()
