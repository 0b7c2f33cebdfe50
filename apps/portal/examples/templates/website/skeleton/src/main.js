document.querySelector('#app').innerHTML = `<h1>${{ values.title }}</h1><p>${{ values.name }} is live.</p>`;
