#pragma once

#include "diff/qualitycell.h"

#include <QTableView>

namespace lb {

class ConfusionMatrixModel;

// The confusion matrix as a heat map: reference classes down, predicted classes across, with the extra row
// and the missed column. A cell's colour grows with its share of the row: green on the diagonal (agreement),
// orange to red off it. Clicking a cell, or Enter on it, asks to drill into it (cellActivated).
class ConfusionMatrixView : public QTableView
{
    Q_OBJECT
public:
    explicit ConfusionMatrixView(ConfusionMatrixModel *model, QWidget *parent = nullptr);

    // The colour of a cell with `share` of its row; `diagonal` for a class predicted as itself.
    static QColor heatColor(double share, bool diagonal);

Q_SIGNALS:
    void cellActivated(const lb::QualityCell &cell);

private:
    void activate(const QModelIndex &index);
    void fitSections();

    ConfusionMatrixModel *m_model = nullptr;
};

} // namespace lb
