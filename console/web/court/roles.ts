/** The court's roles as people name them (contracts/court/common.ts ROLES). */
export const ROLE_UK: Record<string, string> = {
  registrar: 'реєстратор',
  distribution_officer: 'відповідальний за розподіл',
  judge: 'суддя',
  head_of_staff: 'керівник апарату',
  chief_judge: 'голова суду',
  tech_admin: 'адміністратор системи',
  auditor: 'аудитор',
  statistician: 'статистик',
  archivist: 'архіваріус',
};

/** Roles grouped as the pages need them (the node enforces the same on every API call). */
export const REGISTRY_STAFF = ['registrar', 'head_of_staff'] as const;
export const DISTRIBUTION_STAFF = ['distribution_officer', 'head_of_staff'] as const;
export const CASE_READERS = ['registrar', 'head_of_staff', 'distribution_officer', 'judge', 'chief_judge', 'auditor', 'archivist'] as const;
