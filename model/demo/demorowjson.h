#pragma once

#include "demo/demoscene.h"

#include <array>
#include <string>

// Turns a demo scene into the JSON of an Encord label row (docs/encord-api.md §4.2–4.5), the form every
// store and the parser take rows in.

namespace lb::demo {

struct UnitInfo
{
    int index = 0;
    std::string dataHash;
    std::string title;
    bool video = false;
    int width = 1920;
    int height = 1080;
    int frames = 1;
    double fps = 0.0;
    std::array<std::string, 4> labelHashes; // per branch
};

struct RowMeta
{
    std::string labelHash;
    std::string branch;
    std::string status;
    qint64 createdAt = 0;
    qint64 editedAt = 0;
};

// The row's JSON text, byte for byte what LabelRowDocument::toBytes() writes for it once parsed.
std::string rowJson(const UnitInfo &unit, const std::string &datasetHash, const std::string &datasetTitle,
                    const Scene &scene, const RowMeta &meta);

// The text labelContentHash() (domain/labelcontenthash.h) hashes for that row, form tag included: it
// depends on the labels only, not on the row's identity, status or times.
std::string canonicalLabels(const UnitInfo &unit, const Scene &scene);

} // namespace lb::demo
