-- A deleted app keeps its row (its revisions and operations stay for the record) but leaves the
-- lists and its name is free: deleted_at is set by the delete and cleared by the next deploy.
ALTER TABLE apps ADD COLUMN deleted_at timestamptz;

-- Apps deleted before this column: their newest operation is a delete that succeeded.
UPDATE apps a
   SET deleted_at = a.updated_at
 WHERE a.current_revision IS NULL
   AND (SELECT o.kind || ':' || o.status
          FROM operations o
         WHERE o.app = a.name
         ORDER BY o.created_at DESC
         LIMIT 1) = 'DELETE:SUCCEEDED';
