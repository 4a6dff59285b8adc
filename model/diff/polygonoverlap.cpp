// Polygon intersection over union through Boost.Geometry, the one place the product uses it: a polygon as
// annotators draw it may be concave, wound either way, or touch itself, and its overlap with another is
// computed by the library rather than by a clipper of our own.

#include "diff/shapesimilarity.h"

#include <boost/geometry.hpp>
#include <boost/geometry/geometries/multi_polygon.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/geometries/polygon.hpp>

namespace lb::shapesimilarity {

namespace {

namespace bg = boost::geometry;
using Point = bg::model::d2::point_xy<double>;
using Polygon = bg::model::polygon<Point>;
using Shape = bg::model::multi_polygon<Polygon>;

// The polygon as valid areas: its winding corrected, and a ring that touches or crosses itself split into
// the pieces it encloses (the union of the ring with nothing dissolves it).
std::optional<Shape> shapeOf(const QList<QPointF> &points)
{
    if (points.size() < 3)
        return std::nullopt;
    Polygon ring;
    for (const QPointF &p : points)
        bg::append(ring.outer(), Point(p.x(), p.y()));
    bg::correct(ring);
    Shape shape;
    if (bg::is_valid(ring)) {
        shape.push_back(ring);
        return shape;
    }
    bg::union_(ring, Polygon(), shape);
    if (shape.empty())
        return std::nullopt;
    return shape;
}

} // namespace

std::optional<double> polygonIoU(const QList<QPointF> &a, const QList<QPointF> &b)
{
    try {
        const std::optional<Shape> left = shapeOf(a);
        const std::optional<Shape> right = shapeOf(b);
        if (!left || !right)
            return std::nullopt;
        const double areaA = bg::area(*left);
        const double areaB = bg::area(*right);
        if (areaA <= 0.0 || areaB <= 0.0)
            return std::nullopt;
        Shape shared;
        bg::intersection(*left, *right, shared);
        const double common = bg::area(shared);
        return common / (areaA + areaB - common);
    } catch (const std::exception &) {
        // The library refuses input it cannot overlay: the pair is not compared, as for any unknown shape.
        return std::nullopt;
    }
}

} // namespace lb::shapesimilarity
