#!/usr/bin/env python3
"""Write the sample issue's photographs as JPEG files next to this script.

The photographs are scikit-image's bundled sample images (see LICENSES.md for
their licences).  They are written at their original pixel size (no scaling,
no cropping) as baseline JPEG, quality 90, RGB, without a dpi value.

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
}


def main():
    for name, load in PHOTOS.items():
        pixels = np.ascontiguousarray(load())
        assert pixels.dtype == np.uint8 and pixels.ndim == 3 and pixels.shape[2] == 3
        img = Image.fromarray(pixels, 'RGB')
        path = os.path.join(HERE, name)
        img.save(path, 'JPEG', quality=90, optimize=True)
        print(f'{name}: {img.width} x {img.height}')


if __name__ == '__main__':
    main()
