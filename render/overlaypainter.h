#pragma once

#include "diff/objectdiff.h"
#include "domain/ontology.h"
#include "render/overlaymask.h"

#include <memory>
#include <QFont>
#include <QHash>
#include <QImage>
#include <QList>
#include <QPainterPath>
#include <QSet>

class QPainter;

namespace lb {

enum class OverlaySide
{
    Source, // drawn with solid lines
    Target  // drawn with dashed lines
};

// Where the image lies on the device: Encord's normalised coordinates are scaled by the image size in
// pixels, then by the zoom, then moved by the offset (the device position of the image's top-left corner).
struct OverlayView
{
    QSize imageSize;
    double zoom = 1.0;
    QPointF offset;

    QPointF map(const QPointF &normalised) const;
    QRectF imageRect() const;
};

// One side of one object as drawn, in device coordinates.
struct OverlayShape
{
    const ObjectChange *change = nullptr;
    OverlaySide side = OverlaySide::Source;
    QPainterPath path;                       // device coordinates
    bool area = false;                       // boxes and polygons: a click inside selects
    QList<QPointF> nodes;                    // points and skeleton nodes, drawn as dots
    std::shared_ptr<const OverlayMask> mask; // bitmasks: the decoded, tinted mask
    QRectF maskRect;                         // device coordinates of the mask's whole image
};

// The bitmasks of the frame being drawn, decoded when it is first drawn and kept until another frame is.
class OverlayMasks
{
public:
    std::shared_ptr<const OverlayMask> of(const ObjectChange &change, OverlaySide side, int frame);
    void clear();

private:
    QHash<QString, std::shared_ptr<const OverlayMask>> m_masks; // by side and object hash
    int m_frame = -1;
};

// The annotation overlay's shapes and painting, without a widget: AnnotationCanvas draws its frame with it,
// and reports render a data unit's frame into an image with the same code (renderOverlayImage()).
namespace overlay {

constexpr double kPointRadius = 5.0; // point objects are dots of this radius, in device pixels
constexpr int kMaxChangeTags = 12;   // more changed objects than this are drawn without their tags

OverlayShape shapeOf(const ObjectChange &change, OverlaySide side, const OverlayView &view,
                     OverlayMasks &masks, int frame);
// Changes on top of what stayed the same, and the object `onTop` above everything.
void sortForPainting(QList<OverlayShape> &shapes, const QString &onTop);

// The image, or without one a neutral canvas with a tenth-of-the-image grid.
void paintBackground(QPainter &painter, const QRectF &target, const QImage &image, double zoom);
void paintShape(QPainter &painter, const OverlayShape &shape, bool emphasised, double zoom);
// Tags with class and change: on each changed object unless there are more than kMaxChangeTags, and on the
// `focused` ones always, on top; kept inside `deviceWidth`.
void paintTags(QPainter &painter, const QList<OverlayShape> &shapes, const QSet<QString> &focused,
               const Ontology &ontology, const QFont &font, double deviceWidth);
QString tagText(const ObjectChange &change, const Ontology &ontology); // "Car · edited"
// Whether a device position is on a set pixel of a mask shape.
bool hitsMask(const OverlayShape &shape, const QPointF &position, double zoom);

} // namespace overlay

} // namespace lb
