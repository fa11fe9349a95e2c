// The editor page: the standard's metadata from the store; the document itself arrives over the
// collaboration socket. An unknown id is a 404 here, before any socket is opened.

import { error } from '@sveltejs/kit';
import { getServices } from '../../../../server/services';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => {
  const services = getServices();
  const standard = services.standards.get(params.id);
  if (!standard) error(404, `There is no standard with the id "${params.id}". It may have been deleted.`);
  return {
    standard: {
      id: standard.id,
      title: standard.title,
      designation: standard.designation,
      series: standard.series,
      studyGroup: standard.studyGroup
    },
    collabPath: services.collabPath
  };
};
