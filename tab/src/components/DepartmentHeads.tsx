import { API, type Api, type DepartmentHeadRow } from '../api';
import { type Locale, t } from '../i18n';
import { DepartmentPeople } from './DepartmentPeople';

/** "Afdelingshoofden": the programme admin names or corrects the head of each department. */
export function DepartmentHeads(props: {
  api: Api;
  locale: Locale;
  announce: (text: string) => void;
  onChanged?: () => void;
}) {
  const { api, locale } = props;
  const save = async (d: DepartmentHeadRow, userId: string | null) => {
    const saved = await api.call(API.saveDepartmentHead, { params: { departmentId: d.id }, body: { userId } });
    return saved.head
      ? t(locale, 'heads.saved', { name: saved.head.name, department: d.name })
      : t(locale, 'heads.removed', { department: d.name });
  };
  return (
    <DepartmentPeople<DepartmentHeadRow>
      {...props}
      id="department-heads"
      testPrefix="heads"
      title={t(locale, 'heads.title')}
      intro={t(locale, 'heads.intro')}
      departmentHeader={t(locale, 'heads.department')}
      peopleHeader={t(locale, 'heads.head')}
      personLabel={t(locale, 'heads.head')}
      formLabel={t(locale, 'heads.title')}
      submitLabel={() => t(locale, 'heads.save')}
      submitTestId="heads-save"
      load={() => api.call(API.departmentHeads)}
      named={(d) =>
        d.head
          ? [
              {
                userId: d.head.userId,
                shown: d.byAdmin ? t(locale, 'heads.byAdmin', { name: d.head.name }) : d.head.name,
                removeLabel: t(locale, 'heads.removeOf', { name: d.head.name, department: d.name }),
              },
            ]
          : []
      }
      removeText={t(locale, 'heads.remove')}
      add={(d, userId) => save(d, userId)}
      remove={(d) => save(d, null)}
    />
  );
}
