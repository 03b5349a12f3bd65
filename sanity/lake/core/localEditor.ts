/**
 * The embedded lake's one editor: whoever holds its token. Shaped like Sanity's current-user
 * answer so the Studio shows a name and grants an administrator's rights.
 */
export const LOCAL_EDITOR = {
  id: 'local-editor',
  name: 'Local editor',
  email: 'editor@factline.local',
  profileImage: null,
  provider: 'local',
  role: 'administrator',
  roles: [{ name: 'administrator', title: 'Administrator', description: 'Reads and writes every document in the embedded lake' }],
}
