// Standards metadata in PostgreSQL (StandardsRepository in ../types). A standard's document is
// stored under its id; creating and deleting a standard touch both in one transaction.

import type { StandardFields, StandardRow, StandardsRepository } from '../types';
import { deleteDocument, replaceDocument } from './documents';
import { lockDocument, transaction, type Db } from './pool';

const COLUMNS = `id, title, designation, series, study_group AS "studyGroup", group_id AS "groupId",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

const FIELD_COLUMNS: Record<keyof StandardFields, string> = {
  title: 'title',
  designation: 'designation',
  series: 'series',
  studyGroup: 'study_group'
};

export function postgresStandardsRepository(db: Db): StandardsRepository {
  const get = async (id: string) => {
    const { rows } = await db.query<StandardRow>(`SELECT ${COLUMNS} FROM standards WHERE id = $1`, [id]);
    return rows[0];
  };

  return {
    async list() {
      const { rows } = await db.query<StandardRow>(`SELECT ${COLUMNS} FROM standards ORDER BY created_at, id`);
      return rows;
    },
    get,
    create: (row, state) =>
      transaction(db, async (tx) => {
        await lockDocument(tx, row.id);
        await tx.query(
          `INSERT INTO standards (id, title, designation, series, study_group, group_id, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [row.id, row.title, row.designation, row.series, row.studyGroup, row.groupId, row.createdAt, row.updatedAt]
        );
        await replaceDocument(tx, row.id, state);
      }),
    async update(id, fields, updatedAt) {
      const keys = (Object.keys(FIELD_COLUMNS) as (keyof StandardFields)[]).filter((k) => fields[k] !== undefined);
      const values: unknown[] = [id, updatedAt, ...keys.map((k) => fields[k])];
      const sets = ['updated_at = $2', ...keys.map((k, i) => `${FIELD_COLUMNS[k]} = $${i + 3}`)].join(', ');
      const { rows } = await db.query<StandardRow>(`UPDATE standards SET ${sets} WHERE id = $1 RETURNING ${COLUMNS}`, values);
      return rows[0];
    },
    delete: (id) =>
      transaction(db, async (tx) => {
        await lockDocument(tx, id);
        // Review threads and their replies go with the row (ON DELETE CASCADE).
        const result = await tx.query('DELETE FROM standards WHERE id = $1', [id]);
        await deleteDocument(tx, id);
        return (result.rowCount ?? 0) > 0;
      }),
    async count() {
      const { rows } = await db.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM standards');
      return rows[0]?.n ?? 0;
    }
  };
}
