// Reads glTF accessors (any component type, normalized, strided, sparse) into flat arrays, bounds-checked.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace tinygltf {
class Model;
}

namespace ct::io {

// Components per element for a tinygltf type constant (SCALAR..MAT4); 0 when unknown.
int componentCount(int type);

// Reads accessor `index` as floats (normalized integers are mapped to [0,1] / [-1,1]).
// Returns false and sets `error` when the accessor or its views are out of range or malformed.
bool readAccessorFloat(const tinygltf::Model& model, int index, std::vector<float>& out, int& components,
                       std::string& error);
// Reads an accessor of unsigned integers (indices, feature ids).
bool readAccessorUint(const tinygltf::Model& model, int index, std::vector<uint32_t>& out, std::string& error);

}  // namespace ct::io
