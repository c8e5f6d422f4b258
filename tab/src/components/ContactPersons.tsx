import { API, type Api, type DepartmentContacts } from '../api';
import { type Locale, t } from '../i18n';
import { DepartmentPeople } from './DepartmentPeople';

/** "Aanspreekpunten per afdeling": the programme admin names one or more contact persons per department. */
export function ContactPersons(props: {
  api: Api;
  locale: Locale;
  announce: (text: string) => void;
  onChanged?: () => void;
}) {
  const { api, locale } = props;
  const save = async (d: DepartmentContacts, userIds: string[]) => {
    await api.call(API.saveContacts, { params: { departmentId: d.id }, body: { userIds } });
    return t(locale, 'contacts.saved', { department: d.name });
  };
  return (
    <DepartmentPeople<DepartmentContacts>
      {...props}
      id="contact-persons"
      testPrefix="contacts"
      title={t(locale, 'contacts.title')}
      intro={t(locale, 'contacts.intro')}
      departmentHeader={t(locale, 'contacts.department')}
      peopleHeader={t(locale, 'contacts.people')}
      personLabel={t(locale, 'coachAdmin.person')}
      formLabel={t(locale, 'contacts.add')}
      submitLabel={(chosen) =>
        chosen ? t(locale, 'contacts.addTo', { department: chosen.name }) : t(locale, 'contacts.add')
      }
      submitTestId="contacts-add"
      load={() => api.call(API.contacts)}
      named={(d) =>
        d.contacts.map((c) => ({
          userId: c.userId,
          shown: c.name,
          removeLabel: t(locale, 'contacts.removeOf', { name: c.name }),
        }))
      }
      removeText={t(locale, 'contacts.remove')}
      add={(d, userId) => save(d, [...d.contacts.map((c) => c.userId), userId])}
      remove={(d, userId) =>
        save(
          d,
          d.contacts.filter((c) => c.userId !== userId).map((c) => c.userId),
        )
      }
    />
  );
}
