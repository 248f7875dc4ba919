// Reads glTF accessors (any component type, normalized, strided, sparse) into flat arrays, bounds-checked
// (overflow-safe) and checked against the load's memory budget before anything is allocated.
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
// Reads an accessor of unsigned integer scalars (indices), exactly.
bool readAccessorUint(const tinygltf::Model& model, int index, std::vector<uint32_t>& out, std::string& error);
// Reads feature ids: unsigned integer scalars exactly, or float scalars that must be whole numbers >= 0.
bool readAccessorFeatureIds(const tinygltf::Model& model, int index, std::vector<int64_t>& out, std::string& error);

}  // namespace ct::io
