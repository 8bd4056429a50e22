"""Writes qg_tiny_savez.npz and qg_tiny_savez_compressed.npz exactly as numpy.savez /
numpy.savez_compressed lay them out (zipfile members opened with force_zip64=True, npy v1.0
headers padded to 64 bytes), using only the standard library so it runs without numpy.
Content: X (3, 4, 4) '<f8' = pT, y, phi, pid (zero-padded), y (3,) '<f8' = 1, 0, 1."""
import struct
import zipfile


def npy(descr, shape, values, fmt):
    shape_text = "(" + ", ".join(str(s) for s in shape) + ("," if len(shape) == 1 else "") + ")"
    header = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (descr, shape_text)
    header += " " * (64 - (10 + len(header) + 1) % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode("latin1") + \
        struct.pack("<%d%s" % (len(values), fmt), *values)


jets = [
    [(310.5, 0.12, 1.05, 211), (120.25, 0.15, 1.01, 22), (70.0, 0.05, 1.1, -321), (0, 0, 0, 0)],
    [(200.0, -1.2, 6.2, 22), (150.0, -1.25, 6.25, 130), (100.0, -1.1, 0.05, -211), (60.5, -1.3, 6.1, 2112)],
    [(505.0, 1.6, 3.0, 2212), (0, 0, 0, 0), (0, 0, 0, 0), (0, 0, 0, 0)],
]
X = [v for jet in jets for row in jet for v in row]
y = [1.0, 0.0, 1.0]
for name, compression in (("qg_tiny_savez.npz", zipfile.ZIP_STORED),
                          ("qg_tiny_savez_compressed.npz", zipfile.ZIP_DEFLATED)):
    with zipfile.ZipFile(name, mode="w", compression=compression, allowZip64=True) as z:
        for member, data in (("X.npy", npy("<f8", (3, 4, 4), X, "d")), ("y.npy", npy("<f8", (3,), y, "d"))):
            with z.open(member, "w", force_zip64=True) as f:
                f.write(data)
