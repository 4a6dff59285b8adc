#pragma once

#include "domain/operationrecord.h"

#include <QDialog>

namespace lb {

// Confirms "undo last write": says which operation it is and what will be restored and removed.
class UndoDialog : public QDialog
{
    Q_OBJECT
public:
    explicit UndoDialog(const OperationRecord &operation, QWidget *parent = nullptr);

    const OperationRecord &operation() const { return m_operation; }
    QString description() const { return m_description; }

    static QString describe(const OperationRecord &operation);

private:
    OperationRecord m_operation;
    QString m_description;
};

} // namespace lb
