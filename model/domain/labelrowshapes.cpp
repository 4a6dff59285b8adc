#include "domain/labelrowjson.h"
#include "domain/labelrowparser.h"
#include "domain/wording.h"

// The shapes that are not drawn as outlines: bitmasks, 3-D cuboids and 2-D cuboids (docs/encord-api.md §4.4).

namespace lb {

using namespace labelrowjson;

// {"top", "left", "width", "height", "rleString"}: a mask in pixels with COCO's compressed RLE.
Result<void> LabelRowParser::bitmask(const json &entry, const QString &place, Geometry *geometry)
{
    const json *mask = member(entry, "bitmask");
    if (isAbsent(mask))
        return problem(place + QStringLiteral("shape \"bitmask\" needs ") + field(QStringLiteral("bitmask")));
    if (!mask->is_object())
        return problem(place + field(QStringLiteral("bitmask")) + QStringLiteral(" must be an object"));
    BitmaskGeometry &out = geometry->bitmask;
    for (const auto &[name, target] : {std::pair{"top", &out.top}, std::pair{"left", &out.left},
                                       std::pair{"width", &out.width}, std::pair{"height", &out.height}}) {
        double value = 0.0;
        if (auto r = coordinate(*mask, name, QStringLiteral("bitmask"), place, &value, false); !r)
            return r;
        if (value < 0 || value > 1e9)
            return problem(place + field(QStringLiteral("bitmask.") + QString::fromLatin1(name)) +
                           QStringLiteral(" is out of range"));
        *target = static_cast<int>(value);
    }
    const json *rle = member(*mask, "rleString");
    if (isAbsent(rle) || !rle->is_string())
        return problem(place + field(QStringLiteral("bitmask.rleString")) +
                       QStringLiteral(" must be a string"));
    out.rle = QByteArray::fromStdString(rle->get<std::string>());
    return {};
}

// {"position": [x, y, z], "orientation": [a, b, c], "size": [x, y, z]}.
Result<void> LabelRowParser::cuboid(const json &entry, const QString &place, Geometry *geometry)
{
    const json *value = member(entry, "cuboid");
    if (isAbsent(value))
        return problem(place + QStringLiteral("shape \"cuboid\" needs ") + field(QStringLiteral("cuboid")));
    if (!value->is_object())
        return problem(place + field(QStringLiteral("cuboid")) + QStringLiteral(" must be an object"));
    CuboidGeometry &out = geometry->cuboid;
    for (const auto &[name, target] :
         {std::pair{"position", &out.position}, std::pair{"orientation", &out.orientation},
          std::pair{"size", &out.size}}) {
        const json *triple = member(*value, name);
        if (isAbsent(triple) || !triple->is_array() || triple->size() != 3 || !(*triple)[0].is_number() ||
            !(*triple)[1].is_number() || !(*triple)[2].is_number())
            return problem(place + field(QStringLiteral("cuboid.") + QString::fromLatin1(name)) +
                           QStringLiteral(" must be three numbers"));
        for (std::size_t i = 0; i < 3; ++i)
            (*target)[i] = (*triple)[i].get<double>();
    }
    return {};
}

// {"front": [x1, y1, ...], "vanishingPoint": {"x", "y"}, "scaleRatio": r} or {"front": [...], "offset":
// {...}}.
Result<void> LabelRowParser::cuboid2d(const json &entry, const QString &place, Geometry *geometry)
{
    const json *value = member(entry, "cuboid_2d");
    if (isAbsent(value))
        value = member(entry, "cuboid2d");
    if (isAbsent(value))
        return problem(place + QStringLiteral("shape \"cuboid_2d\" needs ") +
                       field(QStringLiteral("cuboid_2d")));
    if (!value->is_object())
        return problem(place + field(QStringLiteral("cuboid_2d")) + QStringLiteral(" must be an object"));
    const json *front = member(*value, "front");
    if (isAbsent(front) || !front->is_array() || front->size() % 2 != 0)
        return problem(place + field(QStringLiteral("cuboid_2d.front")) +
                       QStringLiteral(" must be a flat list of x, y coordinates"));
    for (std::size_t i = 0; i + 1 < front->size(); i += 2) {
        if (!(*front)[i].is_number() || !(*front)[i + 1].is_number())
            return problem(place + field(QStringLiteral("cuboid_2d.front")) +
                           QStringLiteral(" must hold numbers"));
        geometry->points.append(
            NormalizedPoint{(*front)[i].get<double>(), (*front)[i + 1].get<double>(), {}});
    }
    const json *vanishing = member(*value, "vanishingPoint");
    const json *offset = member(*value, "offset");
    if (!isAbsent(vanishing)) {
        if (auto r =
                point(*vanishing, QStringLiteral("cuboid_2d.vanishingPoint"), place, false, &geometry->back);
            !r)
            return r;
        return coordinate(*value, "scaleRatio", QStringLiteral("cuboid_2d"), place, &geometry->scaleRatio,
                          false);
    }
    if (isAbsent(offset))
        return problem(place + field(QStringLiteral("cuboid_2d")) +
                       QStringLiteral(" needs \"vanishingPoint\" or \"offset\""));
    geometry->backIsOffset = true;
    return point(*offset, QStringLiteral("cuboid_2d.offset"), place, false, &geometry->back);
}

} // namespace lb
