#!/usr/bin/env python3
"""Writes the stored seed corpus of the fuzz targets (tests/fuzz/corpus/<target>/): small inputs made here,
no third-party files (tools/fuzz.sh adds ../shared/data samples to a working copy). Run once after changing it."""
import base64, json, os, struct, zlib

here = os.path.dirname(os.path.abspath(__file__))
tri = struct.pack('<9f', 0, 0, 0, 1, 0, 0, 0, 1, 0) + struct.pack('<3H', 0, 1, 2) + b'\0\0'


def png(w, h, rgba):
    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
    raw = b''.join(b'\0' + rgba[y * w * 4:(y + 1) * w * 4] for y in range(h))
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 6, 0, 0, 0)) +
            chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))


def gltf(extra=None, buffer=tri, uri=True):
    j = {"asset": {"version": "2.0"},
         "buffers": [{"byteLength": len(buffer)}],
         "bufferViews": [{"buffer": 0, "byteOffset": 0, "byteLength": 36},
                         {"buffer": 0, "byteOffset": 36, "byteLength": 6}],
         "accessors": [{"bufferView": 0, "componentType": 5126, "count": 3, "type": "VEC3",
                        "min": [0, 0, 0], "max": [1, 1, 0]},
                       {"bufferView": 1, "componentType": 5123, "count": 3, "type": "SCALAR"}],
         "meshes": [{"primitives": [{"attributes": {"POSITION": 0}, "indices": 1}]}],
         "nodes": [{"mesh": 0, "name": "bldg_1", "extras": {"height": 12.5, "usage": "office"}}],
         "scenes": [{"nodes": [0]}], "scene": 0}
    if uri:
        j["buffers"][0]["uri"] = "data:application/octet-stream;base64," + base64.b64encode(buffer).decode()
    if extra:
        extra(j)
    return j


def glb(j, binary):
    text = json.dumps(j, separators=(',', ':')).encode()
    text += b' ' * (-len(text) % 4)
    binary += b'\0' * (-len(binary) % 4)
    body = struct.pack('<I', len(text)) + b'JSON' + text + struct.pack('<I', len(binary)) + b'BIN\0' + binary
    return b'glTF' + struct.pack('<II', 2, 12 + len(body)) + body


def b3dm(ft, bt, content):
    ft = ft.encode(); ft += b' ' * (-(28 + len(ft)) % 8)
    bt = bt.encode(); bt += b' ' * (-len(bt) % 8)
    return b'b3dm' + struct.pack('<6I', 1, 28 + len(ft) + len(bt) + len(content), len(ft), 0, len(bt), 0) + ft + bt + content


def write(target, name, data):
    d = os.path.join(here, 'corpus', target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data if isinstance(data, bytes) else json.dumps(data, separators=(',', ':')).encode())


pixel = png(2, 2, bytes([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 9, 9, 9, 128]))


def textured(j):
    j["images"] = [{"uri": "data:image/png;base64," + base64.b64encode(pixel).decode()}]
    j["samplers"] = [{"magFilter": 9728, "wrapS": 33071}]
    j["textures"] = [{"source": 0, "sampler": 0}]
    j["materials"] = [{"pbrMetallicRoughness": {"baseColorTexture": {"index": 0, "extensions": {
        "KHR_texture_transform": {"offset": [0.5, 0], "scale": [2, 3]}}}}, "alphaMode": "MASK",
        "extensions": {"KHR_materials_emissive_strength": {"emissiveStrength": 2}}}]
    j["meshes"][0]["primitives"][0]["material"] = 0


def sparse(j):
    j["accessors"][0]["sparse"] = {"count": 1, "indices": {"bufferView": 1, "componentType": 5123},
                                   "values": {"bufferView": 0, "byteOffset": 24}}


def instancing(j):
    j["extensionsUsed"] = ["EXT_mesh_gpu_instancing"]
    j["nodes"][0]["extensions"] = {"EXT_mesh_gpu_instancing": {"attributes": {"TRANSLATION": 0}}}


metadata = {"schema": {"classes": {"building": {"properties": {
    "height": {"type": "SCALAR", "componentType": "FLOAT32"},
    "name": {"type": "STRING", "semantic": "ID"},
    "floors": {"type": "SCALAR", "componentType": "UINT8", "array": True},
    "use": {"type": "ENUM", "enumType": "use"}}}},
    "enums": {"use": {"values": [{"name": "office", "value": 0}, {"name": "home", "value": 1}]}}},
    "propertyTables": [{"class": "building", "count": 3, "properties": {
        "height": {"values": 1}, "name": {"values": 2, "stringOffsets": 3},
        "floors": {"values": 2, "arrayOffsets": 4, "arrayOffsetType": "UINT8"}, "use": {"values": 4}}}]}
meta_bin = struct.pack('<3f', 10, 20, 30) + b'abcdef' + bytes([0, 2, 4, 6]) + bytes([0, 1, 2, 3])


def features(j):
    j["extensionsUsed"] = ["EXT_structural_metadata", "EXT_mesh_features"]
    j["extensions"] = {"EXT_structural_metadata": {"schema": metadata["schema"], "propertyTables": [
        {"class": "building", "count": 3, "properties": {"height": {"values": 0}}}]}}
    j["meshes"][0]["primitives"][0]["extensions"] = {"EXT_mesh_features": {"featureIds": [
        {"featureCount": 3, "propertyTable": 0}]}}


def rtc(j):
    j["extensions"] = {"CESIUM_RTC": {"center": [6378137.0, 0, 0]}}


for name, edit in [("triangle", None), ("textured", textured), ("sparse", sparse), ("instancing", instancing),
                   ("features", features), ("rtc", rtc),
                   ("strip", lambda j: j["meshes"][0]["primitives"][0].update(mode=5))]:
    write("fuzz_gltf_json", name + ".gltf", gltf(edit))
    write("fuzz_glb", name + ".glb", glb(gltf(edit, uri=False), tri))
# A 24 x 24 cell ground (1152 triangles, rolling heights): large enough for the coarse levels of detail the
# loaded scene goes on to (scene/coarse_lod.h), so the fuzzers reach meshoptimizer with the file's geometry.
def terrain(uri):
    n = 24
    pos = b''.join(struct.pack('<3f', i * 10.0, 3.0 * ((i * 7 + j * 3) % 5) / 4.0, j * 10.0)
                   for j in range(n + 1) for i in range(n + 1))
    idx = b''
    for j in range(n):
        for i in range(n):
            a = j * (n + 1) + i
            idx += struct.pack('<6H', a, a + n + 1, a + 1, a + 1, a + n + 1, a + n + 2)
    buf = pos + idx
    j = {"asset": {"version": "2.0"}, "buffers": [{"byteLength": len(buf)}],
         "bufferViews": [{"buffer": 0, "byteOffset": 0, "byteLength": len(pos)},
                         {"buffer": 0, "byteOffset": len(pos), "byteLength": len(idx)}],
         "accessors": [{"bufferView": 0, "componentType": 5126, "count": (n + 1) ** 2, "type": "VEC3",
                        "min": [0, 0, 0], "max": [n * 10.0, 3.0, n * 10.0]},
                       {"bufferView": 1, "componentType": 5123, "count": 6 * n * n, "type": "SCALAR"}],
         "meshes": [{"primitives": [{"attributes": {"POSITION": 0}, "indices": 1}]}],
         "nodes": [{"mesh": 0, "name": "ground"}], "scenes": [{"nodes": [0]}], "scene": 0}
    if uri:
        j["buffers"][0]["uri"] = "data:application/octet-stream;base64," + base64.b64encode(buf).decode()
    return j, buf


write("fuzz_gltf_json", "terrain.gltf", terrain(True)[0])
write("fuzz_glb", "terrain.glb", glb(*terrain(False)))
write("fuzz_b3dm", "one_feature.b3dm", b3dm('{"BATCH_LENGTH":1}', '{"h":[3.5],"name":["a"]}', glb(gltf(None, uri=False), tri)))
write("fuzz_b3dm", "rtc_binary.b3dm", b3dm('{"BATCH_LENGTH":2,"RTC_CENTER":[1,2,3]}',
                                            '{"h":{"byteOffset":0,"componentType":"FLOAT","type":"SCALAR"}}',
                                            glb(gltf(None, uri=False), tri)))
write("fuzz_feature_metadata", "tables", json.dumps(metadata, separators=(',', ':')).encode() + b'\0' + meta_bin)
write("fuzz_feature_metadata", "empty_table", b'{"schema":{"classes":{"c":{}}},"propertyTables":[{"class":"c","count":2}]}\0\1\2\3\4')
write("fuzz_image", "rgba_2x2.png", pixel)
write("fuzz_image", "gray_1x1.png", png(1, 1, bytes([7, 7, 7, 255])))
# Debian's stb_image writes a JPEG Huffman table's symbols into 257 bytes however many it declares (found by
# fuzz_image; engine/io/src/image_checks.cpp refuses such tables): 16 x 255, and counts past a short segment.
write("fuzz_image", "jpeg_dht_4080_symbols.jpg",
      b'\xff\xd8\xff\xc4' + struct.pack('>H', 19) + b'\x00' + b'\xff' * 16 + b'\xff\xd9')
write("fuzz_image", "jpeg_dht_counts_past_segment.jpg",
      b'\xff\xd8\xff\xc4' + struct.pack('>H', 3) + b'\x10' + b'\x40' * 16 + b'\xff\xd9')
# A baseline scan whose component decodes with DC table 3, never defined (stb reads past its 256 symbols).
write("fuzz_image", "jpeg_scan_undefined_table.jpg",
      b'\xff\xd8' + b'\xff\xc0\x00\x0b\x08\x00\x08\x00\x08\x01\x01\x11\x00' +
      b'\xff\xc4' + struct.pack('>H', 20) + b'\x10' + b'\x00' * 15 + b'\x01' + b'\x00' +
      b'\xff\xda\x00\x08\x01\x01\x30\x00\x3f\x00' + b'\xa5' * 64 + b'\xff\xd9')
# stb grows its IDAT buffer to the length a chunk claims before reading it (fuzz_image: gigabytes from 45 KB).
idat = b'IDAT' + b'x\x9c'
write("fuzz_image", "png_idat_length_past_end.png", pixel[:33] + struct.pack('>I', 0x7fffff00) + idat +
      struct.pack('>I', zlib.crc32(idat) & 0xffffffff))
