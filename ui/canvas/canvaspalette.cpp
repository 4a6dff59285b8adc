#include "canvas/canvaspalette.h"

#include "render/overlaypalette.h"

// The widgets' names for the overlay's colours, which the canvas shares with reports (render/).

namespace lb::canvaspalette {

QColor colorOf(ChangeKind kind)
{
    return overlaypalette::colorOf(kind);
}

QColor halo()
{
    return overlaypalette::halo();
}

QColor neutralCanvas()
{
    return overlaypalette::neutralCanvas();
}

QColor canvasGrid()
{
    return overlaypalette::canvasGrid();
}

QColor surround()
{
    return overlaypalette::surround();
}

QColor text()
{
    return overlaypalette::text();
}

} // namespace lb::canvaspalette
