#pragma once

#include <array>

// The demo project's ontology: eight object classes, one per geometry type Encord knows (plus a second box
// class), a skeleton for cyclists and two radio classifications, with the fixed feature hashes every
// generated label row refers to; and the annotators and cameras the scenes are credited to.

namespace lb::demo {

enum ClassId
{
    Car,
    Truck,
    Pedestrian,
    Cyclist,
    TrafficSign,
    TrafficLight,
    LaneMarking,
    DrivableArea,
    ClassCount
};

struct ClassDef
{
    const char *featureHash;
    const char *name;
    const char *value;
    const char *shape;
    const char *color;
};

inline constexpr std::array<ClassDef, ClassCount> kClasses = {{
    {"Zm9PnT4c", "Car", "car", "bounding_box", "#1E88E5"},
    {"kTr7uQw2", "Truck", "truck", "rotatable_bounding_box", "#3949AB"},
    {"pD3sW9eL", "Pedestrian", "pedestrian", "bounding_box", "#E53935"},
    {"cY5lQ1sT", "Cyclist", "cyclist", "skeleton", "#FB8C00"},
    {"sG8nA2kV", "Traffic sign", "traffic_sign", "bounding_box", "#FDD835"},
    {"lT4gH7xB", "Traffic light", "traffic_light", "point", "#43A047"},
    {"lN6mK0rJ", "Lane marking", "lane_marking", "polyline", "#00ACC1"},
    {"dR2vB8aE", "Drivable area", "drivable_area", "polygon", "#8E24AA"},
}};

struct SkeletonNodeDef
{
    const char *featureHash;
    const char *name;
    const char *value;
    const char *color;
    double rx, ry; // position inside the rider's box
};

inline constexpr std::array<SkeletonNodeDef, 5> kCyclistNodes = {{
    {"hE1aD2sN", "head", "head", "#FFB74D", 0.58, 0.06},
    {"sH3oU4lD", "shoulders", "shoulders", "#FFA726", 0.50, 0.24},
    {"hI5pP6xY", "hip", "hip", "#FF9800", 0.38, 0.50},
    {"fW7hE8lZ", "front wheel", "front_wheel", "#F57C00", 0.82, 0.84},
    {"rW9hE0lQ", "rear wheel", "rear_wheel", "#EF6C00", 0.16, 0.84},
}};

struct OptionDef
{
    const char *featureHash;
    const char *label;
    const char *value;
    double weight;
};

struct ClassificationDef
{
    const char *featureHash;
    const char *attributeName;
    const char *attributeValue;
    const char *attributeHash;
    std::array<OptionDef, 4> options;
    int optionCount;
};

inline constexpr std::array<ClassificationDef, 2> kClassifications = {{
    {"wE4tH9rQ",
     "Weather",
     "weather",
     "wA7tT1rB",
     {{{"cL3aR5xA", "Clear", "clear", 0.6},
       {"rA1nY6zB", "Rain", "rain", 0.2},
       {"fO9gG2qC", "Fog", "fog", 0.1},
       {"sN0wW4pD", "Snow", "snow", 0.1}}},
     4},
    {"tD5yQ8mF",
     "Time of day",
     "time_of_day",
     "tA2oD7kG",
     {{{"dA8yL3nH", "Day", "day", 0.7},
       {"dU6sK1jI", "Dusk", "dusk", 0.15},
       {"nI3gH5tJ", "Night", "night", 0.15},
       {nullptr, nullptr, nullptr, 0.0}}},
     3},
}};

inline constexpr const char *kAnnotators[] = {"ann.kowalski@example.com", "li.wei@example.com",
                                              "sam.okafor@example.com", "maria.rossi@example.com"};
inline constexpr const char *kCameras[] = {"cam-front", "cam-left", "cam-right", "cam-rear"};

} // namespace lb::demo
